"""kroniek's web UI: server-rendered pages (``pages``), highlighted article text (``highlight``),
SVG charts (``charts``) and the world map (``worldmap``). Mounted by ``kroniek.api.create_app``."""
