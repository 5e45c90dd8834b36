"""Web UI of the complaints module: office pages (complaints.urls) and residents' public pages
(complaints.public_urls). Views only parse input and call the module's services and selectors."""
