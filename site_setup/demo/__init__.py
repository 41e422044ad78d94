"""Demo content for MIP CMS: original text, generated images and PDFs, and their loader."""
