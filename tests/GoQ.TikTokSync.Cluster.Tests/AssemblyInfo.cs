// The scenarios start OS processes on fixed resources (ports, one PostgreSQL server, one publish folder) and measure
// what two nodes do to one database; running two scenarios at once would make each other's timings and kills meaningless.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
