//! sitrep's knowledge base: places (GeoNames, iso-codes), demonyms and organisations, with
//! lookups by name and by fuzzy spelling.
