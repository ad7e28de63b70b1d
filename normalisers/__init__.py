"""Pure functions that normalise what the interpreter reads: text, owners, dates, targets, organisations."""
