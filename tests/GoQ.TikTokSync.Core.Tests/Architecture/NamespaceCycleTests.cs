using GoQ.TikTokSync.Core.Data;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace GoQ.TikTokSync.Core.Tests.Architecture;

/// <summary>
/// Core's namespaces must form no cycle: an area's root namespace holds its entities and their rules (no store access), its
/// use cases sit in sub-namespaces, and the store (<see cref="TikTokSyncDbContext"/>) sees only the area roots. Read from the
/// compiled IL, so a reference through a lambda, an async method or a fully qualified name counts as much as a using.
/// </summary>
public sealed class NamespaceCycleTests
{
    private const string CorePrefix = "GoQ.TikTokSync.Core";

    [Fact]
    public void CoreNamespaces_DependOnEachOther_WithoutCycles()
    {
        var graph = CoreNamespaceGraph.Read(typeof(TikTokSyncDbContext).Assembly.Location);

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, $"{cycles.Count} namespace cycle(s) in Core:\n" + string.Join("\n\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void CycleFinder_TwoNamespacesUsingEachOther_ReportsTheCycle()
    {
        var graph = new CoreNamespaceGraph();
        graph.Add("A", "B", "A.X -> B.Y");
        graph.Add("B", "C", "B.Y -> C.Z");
        graph.Add("C", "B", "C.Z -> B.Y");

        var cycles = graph.Cycles();

        Assert.Equal(["B", "C"], Assert.Single(cycles).Order());
    }

    internal sealed class CoreNamespaceGraph
    {
        private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

        public static CoreNamespaceGraph Read(string assemblyPath)
        {
            var graph = new CoreNamespaceGraph();
            using var module = ModuleDefinition.ReadModule(assemblyPath);
            foreach (var type in module.GetTypes())
            {
                var from = NamespaceOf(type);
                if (!from.StartsWith(CorePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var used in ReferencedTypes(type))
                {
                    var to = NamespaceOf(used);
                    if (to.StartsWith(CorePrefix, StringComparison.Ordinal) && to != from)
                    {
                        graph.Add(from, to, $"{type.FullName} -> {used.FullName}");
                    }
                }
            }

            return graph;
        }

        public void Add(string from, string to, string example)
        {
            if (!_edges.TryGetValue(from, out var targets))
            {
                _edges[from] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            targets.TryAdd(to, example);
        }

        /// <summary>Strongly connected components of more than one namespace (Tarjan).</summary>
        public List<List<string>> Cycles()
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var components = new List<List<string>>();
            var next = 0;

            void Visit(string node)
            {
                index[node] = low[node] = next++;
                stack.Push(node);
                onStack.Add(node);
                foreach (var target in _edges.TryGetValue(node, out var targets) ? targets.Keys.ToList() : [])
                {
                    if (!index.TryGetValue(target, out var targetIndex))
                    {
                        Visit(target);
                        low[node] = Math.Min(low[node], low[target]);
                    }
                    else if (onStack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], targetIndex);
                    }
                }

                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    if (component.Count > 1)
                    {
                        components.Add(component);
                    }
                }
            }

            foreach (var node in _edges.Keys.ToList())
            {
                if (!index.ContainsKey(node))
                {
                    Visit(node);
                }
            }

            return components;
        }

        public string Describe(List<string> component)
        {
            var members = component.ToHashSet(StringComparer.Ordinal);
            var lines = component.Order(StringComparer.Ordinal)
                .SelectMany(from => _edges[from].Where(e => members.Contains(e.Key)).Select(e => $"  {from} -> {e.Key} (e.g. {e.Value})"));
            return string.Join("\n", lines);
        }

        private static string NamespaceOf(TypeReference type)
        {
            while (type.DeclaringType is not null)
            {
                type = type.DeclaringType;
            }

            return type.Namespace;
        }

        private static IEnumerable<TypeReference> ReferencedTypes(TypeDefinition type)
        {
            var found = new List<TypeReference>();
            void Take(TypeReference? reference)
            {
                switch (reference)
                {
                    case null:
                        return;
                    case GenericInstanceType generic:
                        Take(generic.ElementType);
                        foreach (var argument in generic.GenericArguments)
                        {
                            Take(argument);
                        }

                        return;
                    case TypeSpecification specification:
                        Take(specification.ElementType);
                        return;
                    case GenericParameter:
                        return;
                    default:
                        found.Add(reference);
                        return;
                }
            }

            void TakeMember(MemberReference member)
            {
                Take(member.DeclaringType);
                switch (member)
                {
                    case MethodReference method:
                        Take(method.ReturnType);
                        foreach (var parameter in method.Parameters)
                        {
                            Take(parameter.ParameterType);
                        }

                        if (method is GenericInstanceMethod genericMethod)
                        {
                            foreach (var argument in genericMethod.GenericArguments)
                            {
                                Take(argument);
                            }
                        }

                        break;
                    case FieldReference field:
                        Take(field.FieldType);
                        break;
                }
            }

            Take(type.BaseType);
            foreach (var contract in type.Interfaces)
            {
                Take(contract.InterfaceType);
            }

            foreach (var attribute in type.CustomAttributes)
            {
                Take(attribute.AttributeType);
            }

            foreach (var field in type.Fields)
            {
                Take(field.FieldType);
            }

            foreach (var property in type.Properties)
            {
                Take(property.PropertyType);
            }

            foreach (var method in type.Methods)
            {
                Take(method.ReturnType);
                foreach (var parameter in method.Parameters)
                {
                    Take(parameter.ParameterType);
                }

                if (!method.HasBody)
                {
                    continue;
                }

                foreach (var variable in method.Body.Variables)
                {
                    Take(variable.VariableType);
                }

                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference reference:
                            Take(reference);
                            break;
                        case MemberReference member:
                            TakeMember(member);
                            break;
                    }
                }
            }

            return found;
        }
    }
}
