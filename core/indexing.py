"""Which pages the search indexes hold: those readers can see."""


class IndexedWhenPublic:
    """For page models. modelsearch indexes what get_indexed_objects returns
    (on each change and on a rebuild): here only live pages outside any
    private section, so that neither a never-published draft nor a restricted
    page can be found, nor guessed at by prefix, through any index."""

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().live().public()
