"""One blueprint per concern; :data:`search_api.BLUEPRINTS` lists the ones the app registers."""
