"""Write stage: the semantic document becomes DOCX, PDF or HTML files."""
