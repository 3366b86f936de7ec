"""ZGW plumbing shared by all APIs: auth, errors, pagination, filters, URLs, OAS serving."""
