"""A seeded generator of NHS plan documents in many layouts (DOCX, PDF, HTML), each with the
gold plan JSON a careful annotator would write for it: the test bed for layouts the dev corpus
does not hold. `generate.generate(seed, out_dir)` makes one document; benchmarks/layouts.py
scores the extractor on hundreds of them.

Everything here is independent of the code under test: the gold values come from this
package's own tables (vocab.py, dates.py), never from the project's normalisers or data files.
"""
