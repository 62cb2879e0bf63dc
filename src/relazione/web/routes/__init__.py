"""The pages, one module per area: documents (archive and upload), review, produce (and checks), history."""
