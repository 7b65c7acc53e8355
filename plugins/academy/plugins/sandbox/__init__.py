"""The sandbox: practice threads in a mock social feed, and the page that lists them."""
