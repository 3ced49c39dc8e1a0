"""The views. htmx is configured (base.html) to swap 422 (HTTPStatus.UNPROCESSABLE_ENTITY)
responses: an invalid form re-renders in place."""
