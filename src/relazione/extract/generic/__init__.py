"""The generic engine: headings from several signals, columns by header and content, tree tables, key-value sheets."""
