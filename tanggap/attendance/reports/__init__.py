"""Reports of attendance and leave: none yet (the monthly recap for the allowance follows)."""
