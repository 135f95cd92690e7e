"""Lines of segments 8-9: the trained network on test digits, its first layer, noise, a convolution."""
from __future__ import annotations

from scenes.common.formatting import (format_count, format_number, format_percent, spoken_count, spoken_number,
                                      spoken_percent)
from scenes.common.narration import Line


def reads_test_digits(count: int) -> Line:
    return Line(f"Now the trained network reads the first {spoken_count(count)} test digits, which it never saw "
                "in training.", f"The trained network on {format_count(count)} unseen test digits")


def stops_at_mistakes() -> Line:
    return Line("Each time it gets one wrong, we stop: the red frame shows its answer against the label.",
                "It stops at each mistake")


def score(correct: int, count: int) -> Line:
    return Line(f"{spoken_count(correct)} of {spoken_count(count)} right: {spoken_percent(correct / count)}.",
                f"{format_count(correct)} of {format_count(count)}: {format_percent(correct / count)}")


def full_test(n_test: int, accuracy: float, parameters: int) -> Line:
    return Line(f"On all {spoken_count(n_test)} test images, {spoken_percent(accuracy)}. Not bad for "
                f"{spoken_count(parameters)} numbers, tuned by walking downhill.",
                f"All {format_count(n_test)} test images: {format_percent(accuracy)}")


def weight_pictures(pixels: int) -> Line:
    return Line(f"Each first-layer neuron weighs all {spoken_count(pixels)} pixels. Drawn as a picture: blue where "
                "a weight is positive, red where it's negative.",
                f"Each neuron's {format_count(pixels)} weights as a picture: blue +, red −")


def blotches() -> Line:
    return Line("They are not the neat edges and loops we hoped for in the last chapter. They look like blotches, "
                "with a hint of structure.", "Not neat edges and loops: blotches, a hint of structure")


def weights_that_work() -> Line:
    return Line("Gradient descent found weights that work, not the tidy story we told.",
                "Gradient descent found weights that work, not a tidy story")


def pure_noise(outputs: int) -> Line:
    return Line(f"And what does it make of pure noise? Random pixels from a fixed seed, and its "
                f"{spoken_count(outputs)} outputs.", f"Seeded random noise in: the {format_count(outputs)} outputs")


def noise_guess(guess: int, output: float, runner_up: int, runner_up_output: float) -> Line:
    sure = ", and sure of it" if output > 0.5 else ""
    return Line(f"It says {spoken_count(guess)}{sure}, with an output of {spoken_number(output)}, then "
                f"{spoken_count(runner_up)} at {spoken_number(runner_up_output)}. Trained only on digits, it has no "
                "way to say none of these.",
                f"It says {format_count(guess)} ({format_number(output)}); it cannot say 'none of these'")


def favourites_heading() -> Line:
    return Line("Going beyond the original: for each first-layer neuron, the test images that light it up the "
                "most.", "Beyond the original: the test digits each neuron likes most")


def favourites_real(low: float) -> Line:
    return Line(f"These are real activations, every one at least {spoken_number(low, 3)}. Some neurons seem to "
                "favour one digit; others, ink in certain places.",
                f"Real activations, all ≥ {format_number(low, 3)}")


def old_technology() -> Line:
    return Line("This plain network is old technology. Networks for images today are convolutional: small "
                "kernels slide over the image.", "Old technology: today's image networks are convolutional")


def kernel(rows: int, cols: int, top: float, bottom: float) -> Line:
    return Line(f"Here's a {spoken_count(rows)} by {spoken_count(cols)} kernel: {spoken_number(top, 0)} along the "
                f"top, {spoken_number(bottom, 0)} below. Multiply and add over each patch of the image.",
                f"A {format_count(rows)}×{format_count(cols)} kernel: {format_number(top, 0)} on top, "
                f"{format_number(bottom, 0, sign=True)} below; multiply and add")


def kernel_fires() -> Line:
    return Line("It fires, in blue, where ink starts below blank space: the top edges of the strokes.",
                "It fires (blue) at the top edges of strokes")


def learn_more() -> Line:
    return Line("To learn more, Michael Nielsen's free book is where this network's recipe comes from.",
                "To learn more: Michael Nielsen's free book")
