"""Rule components of the event extractor (see ``loaders.extraction.events``).

- :mod:`.lexicon`: the trigger lexicon (``kg/data/event_triggers.json``) as lookup tables;
- :mod:`.conditions`: named argument conditions a trigger word must meet;
- :mod:`.triggers`: finding triggers in a sentence and discarding unreported ones;
- :mod:`.roles`: participants and places from the dependency parse and mentions;
- :mod:`.timing`: the day an event happened;
- :mod:`.assemble`: drafts to ``kg.model.Event`` records with merge-friendly ids.
"""
