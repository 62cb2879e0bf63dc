"""Office files a chamber can file as they are: Italian language, document properties, tables that fit
the page, a filled table of contents and the PDF. Shared by render/ (the Word reports) and check/ (the
Verifica di coerenza); it reads and writes python-docx documents and knows nothing of records."""
