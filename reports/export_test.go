package reports

// Internal helpers the external tests (package reports_test) check directly.
var (
	Tr             = tr
	PlainNumber    = plainNumber
	EffectsOf      = effects
	SameScore      = sameScore
	PrimarySNIA    = primarySNIA
	ActivityMonths = activityMonths
)
