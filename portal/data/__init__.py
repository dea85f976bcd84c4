"""Named query functions, one module per entity."""
