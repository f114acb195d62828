<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>pvzdesk</name>
    <message>
        <source>Camera {name} cannot be opened: it is busy or access is denied.</source>
        <translation>Камеру {name} не удаётся открыть: она занята или нет доступа.</translation>
    </message>
    <message>
        <source>Camera {name} was not found.</source>
        <translation>Камера {name} не найдена.</translation>
    </message>
    <message>
        <source>Close other programs that use the camera (video calls, the platform's app).</source>
        <translation>Закройте другие программы, которые используют камеру (видеозвонки, приложение платформы).</translation>
    </message>
    <message>
        <source>Check that it is plugged in, or choose another camera in the settings.</source>
        <translation>Проверьте, что она подключена, или выберите другую камеру в настройках.</translation>
    </message>
    <message>
        <source>camera {index}</source>
        <translation>камера {index}</translation>
    </message>
    <message>
        <source>virtual camera</source>
        <translation>виртуальная камера</translation>
    </message>
    <message>
        <source>The virtual camera has nothing to play in {name}.</source>
        <translation>Виртуальной камере нечего показывать в {name}.</translation>
    </message>
    <message>
        <source>Give a folder with images or a video file.</source>
        <translation>Укажите папку с изображениями или видеофайл.</translation>
    </message>
    <message>
        <source>Camera {name} was disconnected.</source>
        <translation>Камера {name} отключена.</translation>
    </message>
    <message>
        <source>Plug it back in: scanning resumes by itself.</source>
        <translation>Подключите её снова: сканирование возобновится само.</translation>
    </message>
    <message>
        <source>The camera stopped because of an internal error.</source>
        <translation>Камера остановлена из-за внутренней ошибки.</translation>
    </message>
    <message>
        <source>The details are in the log; restart the camera in the settings.</source>
        <translation>Подробности записаны в журнал программы; перезапустите камеру в настройках.</translation>
    </message>
    <message>
        <source>The zbar decoder is unavailable: {reason}.</source>
        <translation>Декодер zbar недоступен: {reason}.</translation>
    </message>
    <message>
        <source>Install the {library} library or choose the zxing decoder.</source>
        <translation>Установите библиотеку {library} или выберите декодер zxing.</translation>
    </message>
    <message>
        <source>library {library} not found</source>
        <translation>библиотека {library} не найдена</translation>
    </message>
    <message>
        <source>Unknown decoder {name}; choose one of: {choices}.</source>
        <translation>Неизвестный декодер {name}; выберите один из: {choices}.</translation>
    </message>
    <message>
        <source>The zxing decoder is unavailable: {reason}.</source>
        <translation>Декодер zxing недоступен: {reason}.</translation>
    </message>
    <message>
        <source>{image}: {count} code(s)</source>
        <translation>{image}: найдено кодов: {count}</translation>
    </message>
    <message>
        <source>Print every code found in image files.</source>
        <translation>показать все коды, найденные в файлах изображений</translation>
    </message>
    <message>
        <source>Print JSON instead of text.</source>
        <translation>Вывести JSON вместо текста.</translation>
    </message>
    <message>
        <source>Decoder to use (default: {default}).</source>
        <translation>Какой декодер использовать (по умолчанию {default}).</translation>
    </message>
    <message>
        <source>File {path} was not found.</source>
        <translation>Файл {path} не найден.</translation>
    </message>
    <message>
        <source>File {path} is not an image that can be read.</source>
        <translation>Файл {path} не является читаемым изображением.</translation>
    </message>
    <message>
        <source>{image}: no codes found</source>
        <translation>{image}: коды не найдены</translation>
    </message>
    <message>
        <source>Check the name and the folder.</source>
        <translation>Проверьте имя файла и папку.</translation>
    </message>
    <message>
        <source>Give a PNG, JPEG, BMP, TIFF or WebP file.</source>
        <translation>Укажите файл PNG, JPEG, BMP, TIFF или WebP.</translation>
    </message>
</context>
</TS>
