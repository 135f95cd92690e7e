"""Render, assemble and publish: everything behind the ``nnvideo`` command."""
