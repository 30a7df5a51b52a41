"""The retention sweep: plan, guard, apply, check."""
