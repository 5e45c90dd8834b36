"""Figures head office sees (DESIGN.md "Figures head office sees: pushed, never read live").

A module declares each of its figures once, in its AppConfig.ready(): a name, a label and a function that
computes the figure for one month in the office schema it runs in (`registry.figure_register`). The pusher
(`services.office_figures_push`) computes an office's figures for some months and hands them to
`tenants.bridge.figures_push`, which stores them at head office in one table (modules.hq.models.OfficeFigure:
office, figure, period, dimension, value, computed_at). Head-office dashboards, the consolidated monthly
report and group rankings read only that table (modules.hq.figure_selectors)."""
