"""Run test code as if it were another moment (time-machine: every clock, not one function)."""

import time_machine


def clock_at(moment):
    """Run the enclosed code as if the time were `moment`, with the clock standing still."""
    return time_machine.travel(moment, tick=False)
