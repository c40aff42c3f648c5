"""Django's Redis cache with one redis-py client per connection pool. Django
builds a new client for every cache call, which costs about as much as the
round trip to Redis itself, and a page makes several calls (the content
generation, menus, translations, related cases)."""

from django.core.cache.backends import redis as django_redis


class _Client(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # A client holds no connection itself; its pool is fork-safe.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client
