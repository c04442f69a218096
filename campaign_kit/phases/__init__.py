"""One package per phase of the method, each with the same rooms: analysis (pure calculations),
report (tables and sentences), charts (figures) and form (the widget form of its notebook)."""
