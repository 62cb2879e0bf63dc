"""The command line: argument parsing, batches of files, and the commands' work (thin: every stage does its own)."""
