"""Reading the v2 pages listing as a consuming site does."""


def listing(client, query, status=200):
    """The JSON of a pages listing, which must answer with `status`."""
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == status, response.content
    return response.json()


def titles(client, query):
    """Titles of the pages a query lists, in order."""
    data = listing(client, {"limit": 100, **query})
    assert data["meta"]["total_count"] == len(data["items"])
    return [item["title"] for item in data["items"]]


def error(client, query):
    """The message of a 400 answer."""
    return listing(client, query, status=400)["message"]
