from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site settings"

    def ready(self):
        # ready(): the app registry is loaded only now
        from home import cache, converters, route_cache, tree

        converters.register()  # <id:…> in every app's URLs
        cache.connect_signals()  # purge cached pages and fragments on publish
        route_cache.connect_signals()
        tree.connect()  # tree fields come from the database on every page save (home.tree)
