"""Developer tools: benchmarks, synthetic data, importer measurement. The runtime package never imports this."""
