from home.display import is_large_print


def display_preferences(request):
    return {"large_print": is_large_print(request)}

