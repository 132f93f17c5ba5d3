"""The editors shown in the central area for the item selected in the outline."""
