"""``relazione web``: the office's window onto the tool, in the browser, on the user's own machine.

A thin layer over the stages: documents are read by ``extract``, scored by ``scoring``, produced by ``render``
and ``cycle``, checked by ``check``; what is its own is the archive (SQLite + files by sha256 in the data
folder), the corrections, the source view and the security of a local server."""
