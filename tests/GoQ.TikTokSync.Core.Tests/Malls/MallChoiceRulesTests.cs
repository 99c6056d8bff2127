using GoQ.TikTokSync.Core.Malls.ChooseMalls;

namespace GoQ.TikTokSync.Core.Tests.Malls;

/// <summary>モール選択 refuses two shops with one 管理用店舗名; the message goes on every row that has it.</summary>
public sealed class MallChoiceRulesTests
{
    [Fact]
    public void DuplicateNameRows_TwoRowsTrimmingToOneName_MarksBoth()
    {
        Assert.Equal([0, 2], MallChoice.DuplicateNameRows(["本店", "支店", "  本店 "]));
    }

    [Fact]
    public void DuplicateNameRows_EmptiedNames_AreLeftToTheRequiredCheck()
    {
        Assert.Empty(MallChoice.DuplicateNameRows([null, "", "  ", "本店"]));
    }
}
