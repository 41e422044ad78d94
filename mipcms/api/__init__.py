"""The content API over HTTP: v2 (public, read) and v3 (Wagtail 8, token-authenticated).

- endpoints.py: the v2 pages, images and documents endpoints (checked input, privacy, bulk
  loading); filters.py: the filters every section shares (sections add their own, e.g.
  events/api.py); preview.py: the front-end preview endpoint.
- checks.py: the query-string checks both APIs share.
- v3.py: what we change in Wagtail's v3 API (anonymous reads by home.privacy, error
  messages); v3_requests.py: the checks every v3 request passes before Wagtail's views;
  v3_stream_input.py: StreamField content accepted in the shape v3 reads it.
- middleware.py: cookies, caching and 304s for both; urls.py: where they are mounted.

The JSON shapes of shared things (images, documents, people) belong to the content and live
in home/representations.py and home/api_fields.py. See docs/api.md.
"""
