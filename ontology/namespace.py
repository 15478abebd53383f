"""Closed rdflib namespaces for the event ontology. GENERATED from ontology/kg.ttl by
``python3 -m ontology.generate`` -- do not edit by hand; a unit test fails when it drifts.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class KG(DefinedNamespace):
    """The event knowledge graph ontology (https://w3id.org/event-kg/ontology)."""

    _fail = True
    _NS = Namespace("https://w3id.org/event-kg/ontology#")

    # classes
    Actor: URIRef
    """Someone who acts or speaks. Every actor node also has exactly one actor-kind subclass."""
    Aid: URIRef
    """Weapons, equipment or money given by a donor to a recipient."""
    City: URIRef
    """A city or town."""
    Country: URIRef
    """A state acting as a whole ("Russia fired", "Kyiv says"). Its territory is a
    kg:CountryPlace, a different node.
    """
    CountryPlace: URIRef
    """A country's territory as a location. The state as an actor is a kg:Country."""
    Diplomacy: URIRef
    """Calls, visits, invitations and talks."""
    Document: URIRef
    """A source text as read: a live blog or an article. Evidence offsets index its text."""
    Entry: URIRef
    """One live-blog post (or the whole body of an article): the span [oa:start, oa:end) of
    its document's text.
    """
    Event: URIRef
    """Something that happened (a strike, a sanction, a visit...), with participants in
    roles, places, a date and quantities. Every event node also has exactly one event-type
    subclass.
    """
    Evidence: URIRef
    """A span of a document's text supporting a fact: oa:exact is the text between character
    offsets oa:start (inclusive) and oa:end (exclusive).
    """
    Fact: URIRef
    """A claim extracted from text and backed by at least one kg:Evidence: an event or a
    statement.
    """
    Government: URIRef
    """A government or one of its bodies (the Kremlin, a ministry)."""
    Group: URIRef
    """A less formal collective (partisans, residents, protesters)."""
    Impact: URIRef
    """Consequences: power outages, missing people, prisoners."""
    Incident: URIRef
    """Accidents and other occurrences that are not attacks."""
    Intercept: URIRef
    """Air defence destroying drones or missiles; distinct from the strike it answers."""
    Location: URIRef
    """A named place. Typed with at most one place kind; kinds outside the three below keep
    only kg:placeType.
    """
    Media: URIRef
    """A news outlet or agency. Media carry statements (kg:channel) and are never their
    speakers.
    """
    MilitaryUnit: URIRef
    """Armed forces or one of their units (Ukraine's air force, the Wagner group's units)."""
    Organization: URIRef
    """A company, alliance or international body (NATO, the UN, Gazprom)."""
    OtherEvent: URIRef
    """An event of none of the other types."""
    Person: URIRef
    """A named individual."""
    Personnel: URIRef
    """Appointments, dismissals and other commander or official changes."""
    Quantity: URIRef
    """A number reported for an event: kg:amount of kg:counts (e.g. 54 missiles)."""
    Region: URIRef
    """A first-level administrative region (an oblast): "Kyiv region" is not the city of
    Kyiv.
    """
    Sanction: URIRef
    """Economic or diplomatic sanctions imposed on a target."""
    Statement: URIRef
    """Who said what about whom: a quote or reported speech with its speaker (or
    kg:unattributed true), the actors it is about, a stance and the media channel that
    carried it. Not an event (see the header).
    """
    Strike: URIRef
    """A missile, drone, air or artillery attack."""
    Trade: URIRef
    """Commercial exchanges such as gas shipments."""

    # object properties
    about: URIRef
    """An actor the statement is about (the "whom"), never the speaker."""
    attacker: URIRef
    """Who carried out a strike."""
    channel: URIRef
    """The media actor that carried the statement ("told Interfax"); the stores' CARRIED_BY
    relationship.
    """
    donor: URIRef
    """Who gave aid."""
    hasActor: URIRef
    """An actor taking part in the event in any role. The super-property of the role
    properties; the export writes it alongside every role triple.
    """
    hasEntry: URIRef
    """A document's live-blog entries."""
    hasEvidence: URIRef
    """A span of text the fact was extracted from. Every fact has at least one."""
    imposer: URIRef
    """Who imposed a sanction."""
    inDocument: URIRef
    """The document whose text the evidence offsets index."""
    inEntry: URIRef
    """The entry the evidence span lies in, when the document has entries."""
    interceptor: URIRef
    """Who shot down drones or missiles."""
    occurredAt: URIRef
    """A place where the event happened."""
    participant: URIRef
    """A party to a symmetric event (both sides of a call or talks)."""
    participatedIn: URIRef
    """Inverse of kg:hasActor; the direction of the stores' PARTICIPATED_IN relationship
    (whose role attribute names the role property).
    """
    quantity: URIRef
    """A number reported for the event."""
    recipient: URIRef
    """Who received aid."""
    reportedIn: URIRef
    """A document reporting the fact: kg:hasEvidence followed by kg:inDocument. Defined for
    reasoners; the export does not materialise it.
    """
    said: URIRef
    """Inverse of kg:speaker; the direction of the stores' SAID relationship."""
    sanctioned: URIRef
    """Who a sanction was imposed on."""
    speaker: URIRef
    """Who said it (never the media that reported it)."""
    supports: URIRef
    """Inverse of kg:hasEvidence; the direction of the stores' SUPPORTS relationship."""
    target: URIRef
    """Who a strike was aimed at."""
    victim: URIRef
    """Who was harmed (killed, wounded, captured, left without power)."""
    within: URIRef
    """The enclosing region or country of a place (query with kg:within* to roll places up)."""

    # datatype properties
    affiliation: URIRef
    """What the actor belongs to, as extracted."""
    alias: URIRef
    """A surface form resolved to this actor or location, exactly as written in a text."""
    amount: URIRef
    """The number reported."""
    confidence: URIRef
    """The extractor's confidence in the event, from 0 to 1."""
    contentHash: URIRef
    """SHA-256 of a document's (or an entry's) text: changes when the text is edited."""
    countryCode: URIRef
    """The country of an actor or location, an ISO 3166-1 alpha-2 code when known."""
    counts: URIRef
    """What the quantity counts (missiles, drones, killed...)."""
    date: URIRef
    """When the event happened or the statement was made (occurrence time, not publication
    time).
    """
    direct: URIRef
    """True when kg:quote is the speaker's own sentences in quotation marks."""
    headline: URIRef
    """An entry's headline line."""
    index: URIRef
    """The entry's position in its document, from 0."""
    ingestedAt: URIRef
    """When this system read the document."""
    jobTitle: URIRef
    """The office an actor holds ("foreign minister"); kg.model Actor.role."""
    lat: URIRef
    """WGS 84 latitude in decimal degrees, -90 to 90."""
    lon: URIRef
    """WGS 84 longitude in decimal degrees, -180 to 180."""
    name: URIRef
    """The canonical name of an actor or location."""
    placeType: URIRef
    """The place kind as extracted (country, region, city, ...); the three known kinds are
    also classes.
    """
    quote: URIRef
    """The quoted words if direct, else the reported content."""
    reportedDate: URIRef
    """When a document or entry was published: an xsd:date or xsd:dateTime."""
    source: URIRef
    """File name, URL or dataset record id the document came from."""
    stance: URIRef
    """The speaker's stance towards what the statement is about: supportive, critical,
    threatening, demanding or neutral.
    """
    summary: URIRef
    """A one-sentence description of the event."""
    title: URIRef
    """The document's title."""
    unattributed: URIRef
    """True on a statement whose speaker is unknown, so that a missing kg:speaker is a
    decision, not an omission.
    """

    # annotation properties
    modelValue: URIRef
    """The value this term stands for in the domain model (kg.model: EventType, ActorType,
    Role), so code and ontology can be checked against each other.
    """


class SEM(DefinedNamespace):
    """Simple Event Model: the terms kg.ttl refers to."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Actor: URIRef
    Event: URIRef
    Place: URIRef
    RoleType: URIRef
    accordingTo: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary: the terms kg.ttl refers to."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    end: URIRef
    exact: URIRef
    hasSource: URIRef
    start: URIRef


class GEO(DefinedNamespace):
    """W3C WGS84 Geo Positioning: the terms kg.ttl refers to."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

    lat: URIRef
    long: URIRef
