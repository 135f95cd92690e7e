"""nnvideo digit, reading the picture: Pillow decodes safely and cheaply, bad files get clear messages."""
import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image, ImageDraw

from nnmath.digit import prepare_digit
from nnvideo.digit import MAX_DECODE_PIXELS, WORK_SIDE, DigitInputError, read_picture


def seven(size=(300, 400), ink=0, paper=255, mode="L", width=24):
    """A drawn 7 (Pillow) on a page of ``size``."""
    image = Image.new(mode, size, paper)
    w, h = size
    ImageDraw.Draw(image).line([(0.25 * w, 0.2 * h), (0.75 * w, 0.2 * h), (0.4 * w, 0.8 * h)],
                               fill=ink, width=width, joint="curve")
    return image


def png_header_only(path, width, height):
    """A PNG whose header claims ``width`` x ``height`` but which holds almost no pixel data:
    reading it succeeds only if the size is checked before decoding."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                     + chunk(b"IEND", b""))
    return path


def test_png_is_read_as_grey_levels(tmp_path):
    seven().save(tmp_path / "seven.png")
    picture = read_picture(tmp_path / "seven.png")
    assert picture.grey.shape == (400, 300) and picture.grey.dtype == np.uint8
    assert picture.source_size == (300, 400) and picture.reduced_by == 1 and picture.format == "PNG"
    np.testing.assert_array_equal(picture.grey, np.asarray(seven()))


def test_colour_jpeg_becomes_grey(tmp_path):
    seven(mode="RGB", ink=(20, 30, 200), paper=(250, 240, 230)).save(tmp_path / "seven.jpg", quality=90)
    picture = read_picture(tmp_path / "seven.jpg")
    assert picture.grey.ndim == 2 and picture.format == "JPEG"
    assert picture.grey[0, 0] > 200 and picture.grey.min() < 80


@pytest.mark.parametrize("strokes, expected_background", [((0, 0, 0, 255), 255), ((255, 255, 255, 255), 0)])
def test_transparent_background_takes_the_colour_opposite_the_strokes(tmp_path, strokes, expected_background):
    seven(mode="RGBA", ink=strokes, paper=(0, 0, 0, 0)).save(tmp_path / "drawn.png")
    grey = read_picture(tmp_path / "drawn.png").grey
    assert grey[0, 0] == expected_background
    assert abs(int(grey[80, 150]) - expected_background) == 255  # on the top bar of the 7


def test_exif_orientation_is_applied(tmp_path):
    upright = seven()
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 clockwise to view": the file is stored on its side
    upright.transpose(Image.Transpose.ROTATE_90).save(tmp_path / "phone.jpg", exif=exif, quality=95)
    picture = read_picture(tmp_path / "phone.jpg")
    assert picture.grey.shape == (400, 300)
    np.testing.assert_allclose(prepare_digit(picture.grey), prepare_digit(np.asarray(upright)), atol=0.08)


def test_sixteen_bit_png_keeps_its_levels(tmp_path):
    levels = (np.asarray(seven(), dtype=np.uint16) * 257).astype(np.uint16)
    Image.fromarray(levels).save(tmp_path / "scan16.png")
    picture = read_picture(tmp_path / "scan16.png")
    assert picture.grey.dtype == np.uint16
    np.testing.assert_allclose(prepare_digit(picture.grey), prepare_digit(np.asarray(seven())), atol=1e-9)


def test_a_big_photo_is_box_reduced_to_the_working_size(tmp_path):
    seven(size=(3000, 2000), width=120).save(tmp_path / "big.png")
    picture = read_picture(tmp_path / "big.png")
    assert max(picture.grey.shape) <= WORK_SIDE and picture.reduced_by == 3
    assert picture.source_size == (3000, 2000)


def test_a_huge_jpeg_is_decoded_at_reduced_scale(tmp_path):
    size = (9000, 6000)  # 54 megapixels: over the limit, so decoded at 1/2 scale without a full decode
    assert size[0] * size[1] > MAX_DECODE_PIXELS
    seven(size=size, width=300).save(tmp_path / "huge.jpg", quality=80)
    picture = read_picture(tmp_path / "huge.jpg")
    assert picture.source_size == size and picture.reduced_by >= 2
    assert max(picture.grey.shape) <= WORK_SIDE
    assert prepare_digit(picture.grey).max() == pytest.approx(1.0)


def test_a_huge_png_is_refused_from_its_header(tmp_path):
    path = png_header_only(tmp_path / "huge.png", 12_000, 12_000)
    with pytest.raises(DigitInputError, match=r"12000 x 12000 = 144 megapixels; the limit is 40"):
        read_picture(path)


def test_a_decompression_bomb_is_refused(tmp_path):
    path = png_header_only(tmp_path / "bomb.png", 30_000, 30_000)
    with pytest.raises(DigitInputError, match="far too large to decode"):
        read_picture(path)


def test_not_a_picture(tmp_path):
    (tmp_path / "notes.png").write_text("this is text, not a picture")
    with pytest.raises(DigitInputError, match="not a picture Pillow can read; save the digit as PNG or JPEG"):
        read_picture(tmp_path / "notes.png")


def test_an_empty_file(tmp_path):
    (tmp_path / "empty.jpg").write_bytes(b"")
    with pytest.raises(DigitInputError, match="not a picture Pillow can read"):
        read_picture(tmp_path / "empty.jpg")


def test_a_truncated_png(tmp_path):
    buffer = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (300, 300), dtype=np.uint8)).save(buffer, "PNG")
    (tmp_path / "cut.png").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(DigitInputError, match="cannot be decoded .*is the file complete"):
        read_picture(tmp_path / "cut.png")


def test_a_missing_file(tmp_path):
    with pytest.raises(DigitInputError, match="no such file"):
        read_picture(tmp_path / "nowhere.png")


@pytest.mark.mnist
@pytest.mark.parametrize("upscale", [1, 3])
def test_mnist_digits_saved_as_png_keep_their_prediction(tmp_path, upscale):
    """Read back through Pillow and prepared again, MNIST test digits get nnmath's prediction for the
    original arrays (measured on 1,000: 99.0 % at 28 px, 98.1 % upscaled 10x)."""
    from nnmath import feedforward, load_mnist, pretrained

    net = pretrained()
    images = load_mnist().test.images[:300]
    prepared = []
    for i, x in enumerate(images):
        picture = Image.fromarray(np.round(x.reshape(28, 28) * 255).astype(np.uint8))
        if upscale > 1:
            picture = picture.resize((28 * upscale, 28 * upscale), Image.BILINEAR)
        picture.save(tmp_path / f"{i}.png")
        prepared.append(prepare_digit(read_picture(tmp_path / f"{i}.png").grey))
    same = np.mean(feedforward(net, np.array(prepared)).prediction == feedforward(net, images).prediction)
    assert same >= 0.96, f"only {same:.1%} of MNIST digits keep their prediction"
