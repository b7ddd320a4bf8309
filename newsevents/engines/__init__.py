"""Where the NLP work runs: this process, a local process pool, or Spark."""
