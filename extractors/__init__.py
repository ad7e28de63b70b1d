"""Format-specific extractors. Each reads bytes and fills schemas.document.Document;
none knows anything about plans."""
