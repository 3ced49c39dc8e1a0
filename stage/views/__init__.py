# htmx is configured (base.html) to swap 422 responses: an invalid form re-renders in place.
INVALID = 422
