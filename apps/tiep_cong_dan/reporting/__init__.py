"""Statistics of online citizen reception, computed from the facts (sessions, hearings,
assignments, connection tests) and the workflow event log, per period and per unit in
both administrative eras; and the monthly report built on them."""
