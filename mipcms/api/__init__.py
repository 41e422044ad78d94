"""The content API over HTTP: v2 (public, read) and v3 (Wagtail 8, token-authenticated).

- endpoints.py: the v2 pages, images and documents endpoints (checked input, privacy, bulk
  loading); filters.py: the filters every section shares (sections add their own, e.g.
  events/api.py); preview.py: the front-end preview endpoint.
- v3.py: what we change in Wagtail's v3 API; middleware.py: cookies, caching and 304s for
  both; urls.py: where they are mounted.

The JSON shapes of shared things (images, documents, people) belong to the content and live
in home/representations.py and home/api_fields.py. See docs/api.md.
"""
