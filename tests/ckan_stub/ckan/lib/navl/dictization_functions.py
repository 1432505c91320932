class Missing:
    def __bool__(self):
        return False


missing = Missing()


class StopOnError(Exception):
    pass


class Invalid(Exception):
    pass
