# Jupyter configuration for the live checks (check-live-notebook.sh and
# live_test.go): `jupyter notebook --config=scripts/live/jupyter_config.py`.
# They serve the lessons where they are, not a copy, so the server refuses
# to write them: the page runs every cell, and a save (a key press, an
# autosave) fails instead of writing outputs into the committed notebooks.
# The callers also point --FileCheckpoints.checkpoint_dir at a temporary
# folder: opening a notebook creates its checkpoint folder.
from notebook.services.contents.largefilemanager import LargeFileManager
from tornado import web


class NeverSave(LargeFileManager):
    """Reads notebooks as Jupyter does; refuses every change on disk."""

    def _refuse(self, path):
        raise web.HTTPError(403, "the live check never writes the lessons (%s)" % path)

    def save(self, model, path=""):
        self._refuse(path)

    def delete_file(self, path):
        self._refuse(path)

    def rename_file(self, old_path, new_path):
        self._refuse(old_path)

    def create_checkpoint(self, path):
        self._refuse(path)

    def restore_checkpoint(self, checkpoint_id, path):
        self._refuse(path)


c.NotebookApp.contents_manager_class = NeverSave  # noqa: F821 (c is Jupyter's)
