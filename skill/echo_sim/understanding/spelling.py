"""American spellings mapped to British ones, so either matches a sample written in the other."""

from __future__ import annotations

# Whole words only: a suffix rule ("-or" -> "-our", "-ize" -> "-ise") would break "doctor", "size".
_PAIRS = """
behavior behaviour behaviors behaviours behavioral behavioural color colour colors colours
favor favour favorite favourite favorites favourites flavor flavour honor honour humor humour
labor labour neighbor neighbour tumor tumour tumors tumours rumor rumour odor odour
vapor vapour
center centre centers centres centered centred fiber fibre fibers fibres liter litre
liters litres meter metre meters metres theater theatre
program programme programs programmes catalog catalogue dialog dialogue analog analogue
analyze analyse analyzed analysed paralyze paralyse paralyzed paralysed
organize organise organized organised organization organisation recognize recognise
recognized recognised realize realise realized realised apologize apologise
minimize minimise maximize maximise prioritize prioritise specialize specialise
specialized specialised immobilize immobilise stabilize stabilise stabilized stabilised
visualize visualise customize customise memorize memorise utilize utilise
anemia anaemia anesthetic anaesthetic anesthesia anaesthesia orthopedic orthopaedic
orthopedics orthopaedics pediatric paediatric hemorrhage haemorrhage edema oedema
estrogen oestrogen fetus foetus esophagus oesophagus diarrhea diarrhoea
disk disc disks discs
gray grey mom mum moms mums pajamas pyjamas aluminum aluminium tire tyre tires tyres
defense defence offense offence license licence
traveling travelling traveled travelled counseling counselling counselor counsellor
modeling modelling jewelry jewellery
cozy cosy mold mould molds moulds plow plough skeptical sceptical
"""

_WORDS = _PAIRS.split()
US_TO_BRITISH: dict[str, str] = dict(zip(_WORDS[0::2], _WORDS[1::2], strict=True))


def british(word: str) -> str:
    """The British spelling of a lower-case word (the word itself when there is none)."""
    return US_TO_BRITISH.get(word, word)
