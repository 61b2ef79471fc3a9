"""The figures the centre reports: the NACCC quarterly return, the funders' report and
the Statistics screen. Each figure is defined once, in `figures`, with what it counts."""
