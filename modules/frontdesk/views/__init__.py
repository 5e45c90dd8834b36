"""Front-desk pages (F-01..F-06, M-01), one module per register."""
