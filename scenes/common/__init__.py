"""The scene toolkit shared by every chapter: palette, layout, mobjects, data."""
