"""Rule components of the event extractor (see ``loaders.extraction.events``).

- :mod:`.lexicon`: the trigger lexicon (``kg/data/event_triggers.json``) as lookup tables;
- :mod:`.syntax`: dependency-tree helpers and the token -> mention index;
- :mod:`.conditions`: named argument conditions a trigger word must meet;
- :mod:`.triggers`: finding triggers in a sentence and discarding unreported ones;
- :mod:`.roles`: participants and places from the dependency parse and mentions;
- :mod:`.timing`: the day an event happened;
- :mod:`.sides`: the country an actor acts for, the country a place lies in (resolver data);
- :mod:`.assemble`: drafts to ``kg.model.Event`` records, merged within an entry, with merge-friendly ids;
- :mod:`.document`: joining mentions of one happening across the entries of a document.
"""
