"""The orchestrator: the only place that runs load → compute → render → write.

Each module is one command's sequence (build, check, compare, exchange, schema);
the layers below never read or write a file on their own initiative.
"""
