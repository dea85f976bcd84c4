"""Civic-information content: the module catalogue, the file format, Markdown rendering and
the text normalisation search uses. Pure functions here; database flows are in
portal/services/content/ and portal/services/search/."""
