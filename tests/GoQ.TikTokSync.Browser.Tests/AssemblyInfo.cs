// Hangfire keeps its storage in process-wide static configuration (GlobalConfiguration / JobStorage.Current), so two app
// instances started at the same moment in one test process can end up enqueuing into each other's storage. Production runs
// one app per process; the tests run their app instances one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
