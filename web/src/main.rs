fn main() {
    storage_web::start();
}
